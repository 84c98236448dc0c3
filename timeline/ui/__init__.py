"""Streamlit pages and widgets: the only modules that import streamlit."""
